# Build and run the service; data lives in the /app/data volume.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Middleware.Server -c Release -o /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Middleware__DataDirectory=/app/data
VOLUME /app/data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Middleware.Server.dll"]
