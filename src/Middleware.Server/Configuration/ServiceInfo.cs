namespace Middleware.Server.Configuration;

public static class ServiceInfo
{
    public const string Version = "0.1.0";
    public const string Repository = "https://github.com/middleware-fediverse/middleware";
}
