using System.Runtime.ExceptionServices;

namespace Middleware.ActivityPub.Http;

/// <summary>
/// Outermost guard of the outbound client: checks every URL (scheme, IP literals), follows
/// redirects itself so each hop is checked again, and enforces one total deadline per request.
/// </summary>
/// <remarks>
/// Requests that carry an HTTP signature (<c>Signature</c>, <c>Signature-Input</c> or
/// <c>Authorization: Signature</c>) are not followed: the 3xx response is returned so the caller
/// can re-sign for the new URL. A signing handler placed inside this one (registered after it)
/// sees each hop as a fresh request and signs it, so redirects work there without leaking.
/// </remarks>
public sealed class GuardedRedirectHandler : DelegatingHandler
{
    /// <summary>Set on a request whose caller wants a 3xx answer as it is (a proxy passing answers
    /// on unchanged) rather than followed.</summary>
    public static readonly HttpRequestOptionsKey<bool> DoNotFollow = new("Middleware.DoNotFollowRedirects");

    private readonly OutboundHttpOptions _options;

    /// <summary>Creates the handler; set <see cref="DelegatingHandler.InnerHandler"/> unless a factory does.</summary>
    public GuardedRedirectHandler(OutboundHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Not disposed on success: it must outlive this call so BoundedBody can read the body
        // under the same deadline. Its timer releases it once it fires.
        var deadline = new CancellationTokenSource(_options.RequestTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var response = await FollowRedirectsAsync(request, linked.Token);
            (response.RequestMessage ?? request).Options.Set(RequestDeadline.Key, new RequestDeadline(deadline.Token, _options.RequestTimeout));
            return response;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            deadline.Dispose();
            throw new OutboundRequestTimeoutException("request", _options.RequestTimeout, request.RequestUri);
        }
        catch (HttpRequestException e) when (e.InnerException is OutboundRequestException inner)
        {
            // SocketsHttpHandler wraps what ConnectCallback throws; callers should see one type.
            deadline.Dispose();
            ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    private async Task<HttpResponseMessage> FollowRedirectsAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var current = request;
        for (var redirects = 0; ; redirects++)
        {
            OutboundUriPolicy.EnsureAllowed(current.RequestUri, _options);
            var currentUri = current.RequestUri!;
            visited.Add(currentUri.AbsoluteUri);

            var response = await base.SendAsync(current, cancellationToken);
            var location = response.Headers.Location;
            if (!RedirectRequest.IsRedirect(response.StatusCode) || location is null || RedirectRequest.IsSigned(current)
                || (current.Options.TryGetValue(DoNotFollow, out var asIs) && asIs))
            {
                return response;
            }

            var target = new Uri(currentUri, location);
            var status = response.StatusCode;
            response.Dispose();

            if (redirects >= _options.MaxRedirects)
            {
                throw new OutboundRequestRefusedException(
                    $"more than {_options.MaxRedirects} redirects (next: {target})", request.RequestUri);
            }

            if (!visited.Add(target.AbsoluteUri))
            {
                throw new OutboundRequestRefusedException($"redirect loop back to {target}", request.RequestUri);
            }

            if (currentUri.Scheme == Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttps)
            {
                throw new OutboundRequestRefusedException(
                    $"redirect from https to {target.Scheme} ({target})", request.RequestUri);
            }

            current = RedirectRequest.Next(current, target, status);
        }
    }
}
