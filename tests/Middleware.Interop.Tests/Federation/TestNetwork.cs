using Middleware.Interop.Tests.Peer;
using Middleware.Interop.Tests.Service;

namespace Middleware.Interop.Tests.Federation;

/// <summary>A fresh service and a fresh Fedify peer, started side by side (each takes seconds);
/// disposing stops both. Nothing is shared between tests.</summary>
public sealed class TestNetwork : IAsyncDisposable
{
    private TestNetwork(MiddlewareProcess service, FedifyPeer peer)
    {
        Service = service;
        Peer = peer;
    }

    /// <summary>Our service, as its own process.</summary>
    public MiddlewareProcess Service { get; }

    /// <summary>The peer with accounts alice and bob.</summary>
    public FedifyPeer Peer { get; }

    /// <summary>Starts both at once; if either fails, the other is stopped.</summary>
    public static async Task<TestNetwork> StartAsync(FedifyPeerOptions? peerOptions = null)
    {
        var service = MiddlewareProcess.StartAsync();
        var peer = FedifyPeer.StartAsync(peerOptions);
        try
        {
            await Task.WhenAll(service, peer);
        }
        catch
        {
            if (service.IsCompletedSuccessfully)
            {
                await service.Result.DisposeAsync();
            }
            if (peer.IsCompletedSuccessfully)
            {
                await peer.Result.DisposeAsync();
            }
            throw;
        }
        return new TestNetwork(service.Result, peer.Result);
    }

    /// <summary>Lets a test write <c>var (service, peer) = network;</c>.</summary>
    public void Deconstruct(out MiddlewareProcess service, out FedifyPeer peer)
    {
        service = Service;
        peer = Peer;
    }

    /// <summary>Both logs, for assertion messages.</summary>
    public string Logs => $"Service log:\n{Service.Log}\nPeer log:\n{Peer.Log}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Service.DisposeAsync();
        }
        finally
        {
            await Peer.DisposeAsync();
        }
    }
}
