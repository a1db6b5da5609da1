import CareBridgeStore
import HummingbirdCore
import Logging
import NIOCore

/// An HTTP/1.1 connection whose requests run on the connection's own event loop: the thread that reads the request
/// runs its handler and writes its response, and a database statement on a connection of the same loop
/// (PostgresBackend keeps one pool per loop) is written and answered there too. No hand-off between threads.
struct OnItsLoop<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value
    let inner: Inner

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        inner.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopExecutor(value.channel.eventLoop)) {
            await inner.handle(value: value, logger: logger)
        }
    }
}

extension HTTPServerBuilder {
    static func http1OnItsLoop(configuration: HTTP1Channel.Configuration = .init()) -> HTTPServerBuilder {
        .init { responder in OnItsLoop(inner: HTTP1Channel(responder: responder, configuration: configuration)) }
    }
}
