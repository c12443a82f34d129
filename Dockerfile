# Build and run the service; data lives in the /app/data volume.
# The base images are build arguments so that a machine without a registry can build on local ones.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Middleware.Server -c Release -o /out

FROM ${RUNTIME_IMAGE}
WORKDIR /app
# The application files (and any plugins mounted under /app/ranking-plugins/bin, read-only) stay
# owned by root: the service's own user can write only its data directory.
COPY --from=build /out .
RUN mkdir -p /app/data && chown 1654:1654 /app/data && chmod 0700 /app/data
# The runtime image's non-root "app" user (uid 1654); it listens on ASPNETCORE_HTTP_PORTS (8080).
USER 1654
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Middleware__DataDirectory=/app/data
VOLUME /app/data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "Middleware.Server.dll", "--healthcheck"]
ENTRYPOINT ["dotnet", "Middleware.Server.dll"]
