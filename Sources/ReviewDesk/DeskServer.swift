import ClaimLedger
import Foundation
import Hummingbird
import Logging

extension Desk {
  /// Every route of the desk behind the security middleware (added first, so that it wraps
  /// unknown routes and errors too).
  public func router() -> Router<DeskContext> {
    let router = Router(context: DeskContext.self)
    router.add(middleware: SecurityMiddleware(desk: self))
    StaticFiles.add(to: router)
    LoginRoutes(desk: self).add(to: router)
    PageRoutes(desk: self).add(to: router)
    APIRoutes(desk: self).add(to: router)
    return router
  }

  /// The application, quiet but for errors; `onListening` gets the port once it listens (the
  /// one the system chose for `--port 0`).
  public func application(onListening: @escaping @Sendable (Int) -> Void)
    -> some ApplicationProtocol
  {
    var logger = Logger(label: "claimledger-desk")
    logger.logLevel = .error
    return Application(
      router: router(),
      configuration: ApplicationConfiguration(
        address: .hostname(configuration.host, port: configuration.port),
        serverName: "claimledger-desk"),
      onServerRunning: { channel in onListening(channel.localAddress?.port ?? 0) },
      logger: logger)
  }
}
