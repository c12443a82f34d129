using Middleware.Replay;

// dotnet run -c Release --project tools/Middleware.Replay -- --synthetic --days 7 --out report.html
return await ReplayCommand.RunAsync(args, Console.Out, Console.Error);
