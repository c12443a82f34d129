using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Audit;
using Middleware.Server.Audit;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Audit;

/// <summary>When the audit's background writer writes what was served (ADR 0048).</summary>
public sealed class AuditWriterTests
{
    [Fact]
    public async Task A_whole_batch_is_written_without_waiting_out_the_write_interval()
    {
        await using var service = new MiddlewareFactory();
        service.Settings["Middleware:Audit:BatchSize"] = "5";
        service.Settings["Middleware:Audit:WriteInterval"] = "01:00:00";
        using var client = service.CreateClient();
        var recorder = (ServedPositionRecorder)service.Services.GetRequiredService<IServedPositionRecorder>();
        var store = service.Services.GetRequiredService<IServedPositionStore>();
        var now = DateTimeOffset.UtcNow;
        var post = new ServedPost("https://a.example/notes/1", "https://a.example/users/ann", "a.example", "nl", now, 0);

        ServedPage Page(int position) => new("news", ServedSurface.Skeleton, now, [new ServedPosition(position, post, null)]);
        // One serve first, then the rest of the batch once the writer is gathering (an hour's wait,
        // which only the full batch can end).
        recorder.Record(Page(0));
        await recorder.Gathering.WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 1; i < 5; i++)
            recorder.Record(Page(i));

        // Within the helper's timeout, far below the hour the writer would otherwise gather for.
        await Eventually.TrueAsync(async () => (await store.ExposuresAsync("news", now.AddMinutes(-1), now.AddMinutes(1))).Sum(e => e.Feed) == 5,
            "the five serves in the audit");
    }
}
