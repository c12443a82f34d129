using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Middleware.Core.Ranking;
using Middleware.Ranking.Coordination;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Bridging;

public sealed partial class BridgingRanker
{
    public async Task<RefitReport> RefitAsync(CancellationToken ct)
    {
        await refitTurn.WaitAsync(ct);
        using var span = RankingTelemetry.Source.StartActivity("refit");
        span?.SetTag("ranker", Id);
        try
        {
            var o = options.Value;
            var started = clock.GetUtcNow();
            var timer = Stopwatch.StartNew();
            if (o.Problem() is { } problem)
            {
                var refused = Failed(started, TimeSpan.Zero, $"{BridgingOptions.Section}: {problem}");
                Volatile.Write(ref lastRefit, refused);
                await RecordAsync(refused, ct);
                return refused;
            }
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(o.RefitBudget);
            RefitReport report;
            try
            {
                var signals = await RatingLog.ReadAsync(source, started - o.Lookback, budget.Token);
                var evidence = accounts is null || !o.Coordination.Enabled ? AccountEvidence.None : await accounts.ReadAsync(started - o.Lookback, budget.Token);
                var (fitted, fitReport) = await Task.Run(() => BridgingFit.Run(signals, TextGroups.Build(evidence), o, started, budget.Token), budget.Token);
                Volatile.Write(ref snapshot, fitted);
                report = fitReport with { Duration = timer.Elapsed };
                log.LogInformation("Bridging refit: {Ratings} ratings, {Raters} raters, {Posts} posts, {Groups} coordinated groups ({Accounts} accounts), {Iterations} iterations in {Duration}",
                    report.Ratings, report.Raters, report.Posts, report.CoordinatedGroups, report.AccountsFlagged, report.Iterations, report.Duration);
                await SaveAsync(fitted, report, ct);
            }
            catch (Exception) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                report = Failed(started, timer.Elapsed, $"The refit exceeded its budget of {o.RefitBudget.TotalSeconds:0.###} s; the previous model stays.");
                log.LogWarning("Bridging refit exceeded its budget of {Budget}", o.RefitBudget);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Volatile.Write(ref lastRefit, Failed(started, timer.Elapsed, "The refit was cancelled; the previous model stays."));
                throw;
            }
            catch (Exception e)
            {
                report = Failed(started, timer.Elapsed, $"{e.GetType().Name}: {e.Message}");
                log.LogError(e, "Bridging refit failed; the previous model stays");
            }
            Volatile.Write(ref lastRefit, report);
            RankingTelemetry.RecordRefit(Id, report);
            span?.SetTag("succeeded", report.Succeeded);
            await RecordAsync(report, ct);
            return report;
        }
        finally
        {
            refitTurn.Release();
        }
    }

    /// <summary>Takes up the newest stored fit, if there is one and nothing newer is in use, so a
    /// restarted service ranks with its last model at once instead of cold start. A stored model this
    /// version cannot read is skipped (logged); the next refit replaces it.</summary>
    public async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (fits is null)
            return false;
        try
        {
            if (await fits.LatestAsync(Id, ct) is not { } stored)
                return false;
            var loaded = SnapshotFormat.Read(stored.Model);
            var current = Volatile.Read(ref snapshot);
            if (current is not null && current.FittedAt >= loaded.FittedAt)
                return false;
            Install(loaded);
            if (Volatile.Read(ref lastRefit) is null)
                Volatile.Write(ref lastRefit, JsonSerializer.Deserialize<RefitReport>(stored.Report));
            log.LogInformation("Bridging model of {FittedAt} loaded: {Posts} posts, {Groups} coordinated groups", loaded.FittedAt, loaded.PostCount, loaded.Groups.Count);
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            log.LogWarning(e, "The stored bridging model could not be read; ranking in cold start until the next refit");
            return false;
        }
    }

    /// <summary>When the model in use was fitted; null in cold start.</summary>
    public DateTimeOffset? ModelFittedAt => Volatile.Read(ref snapshot)?.FittedAt;

    /// <summary>Takes up the newest stored fit when it is newer than the one in use (another node
    /// refitted); asks for the fit's time first, so an unchanged model costs no read of the model.</summary>
    public async Task<bool> FollowAsync(CancellationToken ct)
    {
        if (fits is null || await fits.LatestFittedAtAsync(Id, ct) is not { } stored)
            return false;
        return (ModelFittedAt is not { } current || stored > current) && await LoadAsync(ct);
    }

    /// <summary>Puts a fitted snapshot in use.</summary>
    internal void Install(BridgingSnapshot fitted) => Volatile.Write(ref snapshot, fitted);

    /// <summary>Stores a new fit. A failure to store is logged: the fit is in use all the same.</summary>
    private async Task SaveAsync(BridgingSnapshot fitted, RefitReport report, CancellationToken ct)
    {
        if (fits is null)
            return;
        try
        {
            await fits.SaveAsync(new ModelFit(Id, fitted.FittedAt, SnapshotFormat.Write(fitted), JsonSerializer.Serialize(report), fitted.Groups), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "The bridging model of {FittedAt} could not be stored; it is in use, but a restart would not find it", fitted.FittedAt);
        }
    }

    /// <summary>Adds the refit to the history. A failure to record is logged: the refit's outcome stands.</summary>
    private async Task RecordAsync(RefitReport report, CancellationToken ct)
    {
        if (history is null)
            return;
        try
        {
            await history.RecordAsync(new RefitRecord(Id, report.Started, report.Duration, report.Succeeded, report.Error,
                report.Signals, report.Ratings, report.Raters, report.Posts, report.CoordinatedGroups), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "The bridging refit of {Started} could not be added to the refit history", report.Started);
        }
    }

    private static RefitReport Failed(DateTimeOffset started, TimeSpan duration, string error) =>
        new() { Started = started, Duration = duration, Succeeded = false, Error = error };
}
