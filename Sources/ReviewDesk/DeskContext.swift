import Hummingbird

/// The request context of the desk: Hummingbird's basic one with a small body limit. No form
/// or JSON body the desk takes comes near it; anything larger is refused with 413 before it
/// is read further.
public struct DeskContext: RequestContext {
  public var coreContext: CoreRequestContextStorage

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
  }

  public static let bodyLimit = 64 * 1024
  public var maxUploadSize: Int { Self.bodyLimit }
}
