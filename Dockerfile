# Build and run the service; data lives in the /app/data volume.
# The base images are build arguments so that a machine without a registry can build on local ones.
#
# APP_SOURCE=sdk (default): the service is published inside SDK_IMAGE (the official .NET SDK) and runs
#   framework-dependent on RUNTIME_IMAGE (the official ASP.NET Core runtime).
# APP_SOURCE=published: no SDK image is needed. The build context holds the service already published
#   on the host, self-contained for linux-x64, in ./published (deploy/containers/check.sh does this:
#   `dotnet publish src/Middleware.Server -c Release -r linux-x64 --self-contained`), and both
#   SDK_IMAGE and RUNTIME_IMAGE may be a plain Debian image with .NET's native libraries (libicu,
#   libssl, ca-certificates, tzdata), such as the one deploy/containers/base-image.sh builds.
# One shell step picks the mode rather than two stages, so the classic builder (docker-compose 1.x,
# a client without buildx) works too: it would otherwise build, and pull, both stages.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
# Lets a script remove this stage's image, which the classic builder leaves behind untagged.
LABEL org.middleware.stage=build
ARG APP_SOURCE=sdk
WORKDIR /src
COPY . .
RUN case "$APP_SOURCE" in \
      sdk) dotnet publish src/Middleware.Server -c Release -o /out ;; \
      published) test -x published/Middleware.Server \
           || { echo "APP_SOURCE=published: no ./published/Middleware.Server in the build context" >&2; exit 1; }; \
         cp -a published /out ;; \
      *) echo "APP_SOURCE must be sdk or published, not '$APP_SOURCE'" >&2; exit 1 ;; \
    esac

FROM ${RUNTIME_IMAGE}
WORKDIR /app
# The application files (and any plugins mounted under /app/ranking-plugins/bin, read-only) stay
# owned by root: the service's own user can write only its data directory.
COPY --from=build /out .
# uid 1654 is the official runtime image's non-root "app" user; a plain Debian base has no such user.
# keys/ exists in the image so that a volume mounted there (shared by several nodes, docker-compose.yml)
# starts out owned by that user, not by root.
RUN (getent passwd 1654 >/dev/null || useradd --uid 1654 --user-group --no-create-home --home-dir /app app) \
    && mkdir -p /app/data/keys && chown 1654:1654 /app/data /app/data/keys && chmod 0700 /app/data /app/data/keys
USER 1654
# The service listens on ASPNETCORE_HTTP_PORTS (8080).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Middleware__DataDirectory=/app/data
VOLUME /app/data
EXPOSE 8080
# The apphost runs in both modes: self-contained it carries the runtime, framework-dependent it finds
# the runtime image's /usr/share/dotnet. --healthcheck asks the running service's /healthz (the image has no curl).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/app/Middleware.Server", "--healthcheck"]
ENTRYPOINT ["/app/Middleware.Server"]
