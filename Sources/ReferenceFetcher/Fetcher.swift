internal import CCurl
import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Fetches references over HTTP(S) with libcurl: every transfer of a run goes through one multi
/// handle, so connections and DNS answers are shared and the limits on connections hold for
/// the run as a whole.
///
/// Bodies stream to temporary files in `incomingFolder` while their SHA-256 is computed; the
/// size limit is enforced on the declared length (by libcurl) and on the bytes received (by the
/// write callback, since a server may send no length or lie about it). A failed or oversized
/// transfer leaves no file behind.
public struct Fetcher: Sendable {
  public let policy: FetchPolicy
  public let incomingFolder: String

  public init(policy: FetchPolicy = FetchPolicy(), incomingFolder: String) {
    self.policy = policy
    self.incomingFolder = incomingFolder
  }

  /// The libcurl version linked in.
  public static var libcurlVersion: String { String(cString: ccurl_version()) }

  /// Fetches every request; blocks until all are done. Outcomes come back in request order.
  ///
  /// `completed` sees each final outcome (after retries) as soon as it is known, with the
  /// request's index, on the fetching thread: a caller that hands the body to other threads
  /// there processes bodies while later transfers are still running. It must return quickly.
  public func fetch(
    _ requests: [FetchRequest], progress: ((_ done: Int, _ total: Int) -> Void)? = nil,
    completed: ((_ index: Int, _ outcome: FetchOutcome) -> Void)? = nil
  ) throws -> [FetchOutcome] {
    try FileManager.default.createDirectory(
      atPath: incomingFolder, withIntermediateDirectories: true)
    let run = FetchRun(policy: policy, incomingFolder: incomingFolder)
    return run.perform(requests, progress: progress, completed: completed)
  }
}

/// The state of one fetch run: the multi handle, the queue, retries waiting for their time.
private final class FetchRun {
  let policy: FetchPolicy
  let incomingFolder: String
  private var outcomes: [Int: FetchOutcome] = [:]

  init(policy: FetchPolicy, incomingFolder: String) {
    self.policy = policy
    self.incomingFolder = incomingFolder
  }

  struct Pending {
    var index: Int
    var request: FetchRequest
    var attempt: Int
    var started: Double
    var due: Double
  }

  func perform(
    _ requests: [FetchRequest], progress: ((Int, Int) -> Void)?,
    completed: ((Int, FetchOutcome) -> Void)?
  ) -> [FetchOutcome] {
    guard let multi = curl_multi_init() else {
      let outcomes = requests.map {
        FetchOutcome(request: $0, result: .failed(.transfer("libcurl could not start")))
      }
      for (index, outcome) in outcomes.enumerated() { completed?(index, outcome) }
      return outcomes
    }
    defer { curl_multi_cleanup(multi) }
    _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, policy.concurrency)
    _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, policy.perHost)
    _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, policy.concurrency)

    var queue: [Pending] = []
    for (index, request) in requests.enumerated() {
      do {
        try URLRule.check(request.url)
        queue.append(Pending(index: index, request: request, attempt: 1, started: now(), due: 0))
      } catch {
        outcomes[index] = FetchOutcome(request: request, result: .failed(error))
        completed?(index, outcomes[index]!)
      }
    }
    queue.reverse()  // popLast takes them in request order
    var waiting: [Pending] = []
    var active: [UnsafeMutableRawPointer: Transfer] = [:]
    progress?(outcomes.count, requests.count)

    while true {
      let time = now()
      // Retries whose wait is over go back in the queue, first in line.
      let due = waiting.filter { $0.due <= time }
      waiting.removeAll { $0.due <= time }
      queue.append(contentsOf: due.reversed())
      while active.count < policy.concurrency, let next = queue.popLast() {
        do {
          let transfer = try Transfer(pending: next, policy: policy, folder: incomingFolder)
          curl_multi_add_handle(multi, transfer.handle)
          active[transfer.handle] = transfer
        } catch {
          outcomes[next.index] = FetchOutcome(
            request: next.request, result: .failed(.transfer("\(error)")))
          completed?(next.index, outcomes[next.index]!)
        }
      }
      if active.isEmpty {
        guard let earliest = waiting.map(\.due).min() else { break }
        usleep(UInt32(max(0, min(earliest - now(), 0.2)) * 1_000_000))
        continue
      }
      var running: Int32 = 0
      curl_multi_perform(multi, &running)
      var handle: UnsafeMutableRawPointer?
      var code = CURLE_OK
      while ccurl_multi_next_done(multi, &handle, &code) == 1, let done = handle {
        curl_multi_remove_handle(multi, done)
        guard let transfer = active.removeValue(forKey: done) else { continue }
        let outcome = transfer.finish(code)
        if case .failed(let failure) = outcome.result, failure.isRetryable,
          transfer.pending.attempt <= policy.retries
        {
          var retry = transfer.pending
          retry.attempt += 1
          retry.due = now() + retryDelay(after: transfer)
          waiting.append(retry)
        } else {
          outcomes[transfer.pending.index] = outcome
          completed?(transfer.pending.index, outcome)
          progress?(outcomes.count, requests.count)
        }
      }
      // Wait for network activity only when no slot is free for queued work: polling with
      // freed slots would leave them idle for the whole wait.
      if active.count >= policy.concurrency || queue.isEmpty {
        var ready: Int32 = 0
        curl_multi_poll(multi, nil, 0, 100, &ready)
      }
    }
    return requests.indices.map { outcomes[$0]! }
  }

  /// `Retry-After` when the server sent a valid one, else the backoff doubled per attempt;
  /// either way no longer than one attempt may take (`--timeout`) nor `maxBackoff`: a server
  /// asking for an hour gets its retries at the pace the user allowed, not a stalled run.
  private func retryDelay(after transfer: Transfer) -> Double {
    let cap = min(policy.timeout, policy.maxBackoff)
    let exponent = Double(transfer.pending.attempt - 1)
    let wanted = transfer.headers.retryAfter ?? policy.backoff * pow(2, exponent)
    // A NaN here would make the retry never due and the loop spin: only finite waits pass.
    guard wanted.isFinite else { return max(0, cap) }
    return min(max(wanted, 0), max(0, cap))
  }
}

/// Names incoming files apart from another run's in the same folder.
private let processID = getpid()

func now() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// What the headers of the last response said (a redirect's headers are forgotten).
struct ResponseHeaders {
  var etag: String?
  var lastModified: String?
  var contentType: String?
  var retryAfter: Double?

  /// Reads one header line as libcurl delivers it. Only four headers matter, so the line is
  /// matched on its bytes and a String made for those alone.
  mutating func read(_ line: UnsafeRawBufferPointer) {
    if line.count >= 5 && line[0] == 0x48 && line[1] == 0x54 && line[2] == 0x54 && line[3] == 0x50
      && line[4] == 0x2F
    {
      self = ResponseHeaders()  // "HTTP/": a new response (after a redirect or a 100)
      return
    }
    func value(after name: StaticString) -> String? {
      let count = name.utf8CodeUnitCount
      guard line.count > count else { return nil }
      var matches = true
      name.withUTF8Buffer { expected in
        for index in 0..<count where line[index] | 0x20 != expected[index] | 0x20 {
          matches = false
          break
        }
      }
      guard matches else { return nil }
      var start = count
      var end = line.count
      while start < end && (line[start] == 0x20 || line[start] == 0x09) { start += 1 }
      while end > start
        && (line[end - 1] == 0x0A || line[end - 1] == 0x0D || line[end - 1] == 0x20
          || line[end - 1] == 0x09)
      {
        end -= 1
      }
      return String(decoding: UnsafeRawBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
    }
    switch line.first.map({ $0 | 0x20 }) {
    // A validator that is not a valid field value is dropped as if absent: it is sent back
    // on the next fetch, where a CR or LF in it would start a header of the server's choosing.
    case UInt8(ascii: "e"):
      if let text = value(after: "etag:") { etag = HeaderFieldValue.valid(text) }
    case UInt8(ascii: "l"):
      if let text = value(after: "last-modified:") { lastModified = HeaderFieldValue.valid(text) }
    case UInt8(ascii: "c"): contentType = value(after: "content-type:") ?? contentType
    case UInt8(ascii: "r"):
      if let text = value(after: "retry-after:") { retryAfter = RetryAfter.seconds(text) }
    default: break
    }
  }
}

/// One attempt at one request: its easy handle, its body file and hash, what the headers said.
/// It belongs to the thread that runs the fetch.
private final class Transfer {
  let pending: FetchRun.Pending
  let handle: UnsafeMutableRawPointer
  let bodyPath: String
  let maxSize: Int
  let timeout: Double
  let maxRedirects: Int
  private let fd: Int32
  private var headerList: UnsafeMutablePointer<curl_slist>?
  private var hasher = SHA256()
  fileprivate var received = 0
  fileprivate var exceeded = false
  fileprivate var writeFailed = false
  var headers = ResponseHeaders()
  /// Whether the request was conditional (If-None-Match or If-Modified-Since).
  private var sentValidators = false
  let startTime = now()

  init(pending: FetchRun.Pending, policy: FetchPolicy, folder: String) throws {
    guard let handle = curl_easy_init() else {
      throw FetchFailure.transfer("curl_easy_init failed")
    }
    self.pending = pending
    self.handle = handle
    self.maxSize = policy.maxSize
    self.timeout = policy.timeout
    self.maxRedirects = policy.maxRedirects
    bodyPath = folder + "/.incoming-\(processID)-\(pending.index)-\(pending.attempt)"
    fd = open(bodyPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      curl_easy_cleanup(handle)
      throw FetchFailure.transfer("cannot create \(bodyPath): \(String(cString: strerror(errno)))")
    }
    configure(policy)
  }

  deinit {
    curl_easy_cleanup(handle)
    if let headerList { curl_slist_free_all(headerList) }
    if fd >= 0 { close(fd) }
  }

  private func configure(_ policy: FetchPolicy) {
    let context = Unmanaged.passUnretained(self).toOpaque()
    _ = ccurl_easy_setopt_string(handle, CURLOPT_URL, pending.request.url)
    _ = ccurl_restrict_to_http(handle)
    _ = ccurl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
    _ = ccurl_easy_setopt_long(handle, CURLOPT_MAXREDIRS, policy.maxRedirects)
    _ = ccurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(policy.connectTimeout * 1000))
    _ = ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(policy.timeout * 1000))
    _ = ccurl_easy_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(policy.maxSize))
    _ = ccurl_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
    _ = ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
    // The curl tool's receive buffer (100 kB) rather than libcurl's 16 kB: six times fewer
    // reads and callbacks on large bodies.
    _ = ccurl_easy_setopt_long(handle, CURLOPT_BUFFERSIZE, 102_400)
    _ = ccurl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
    _ = ccurl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
    _ = ccurl_easy_setopt_string(handle, CURLOPT_USERAGENT, policy.userAgent)
    _ = ccurl_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, writeBody)
    _ = ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
    _ = ccurl_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, readHeader)
    _ = ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
    // The validators come from the fetch log, which a person may have edited: checked again.
    if let etag = HeaderFieldValue.valid(pending.request.etag) {
      headerList = curl_slist_append(headerList, "If-None-Match: \(etag)")
    }
    if let lastModified = HeaderFieldValue.valid(pending.request.lastModified) {
      headerList = curl_slist_append(headerList, "If-Modified-Since: \(lastModified)")
    }
    if let headerList {
      _ = ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
      sentValidators = true
    }
  }

  /// Called by libcurl with each piece of the body.
  fileprivate func write(_ data: UnsafeMutablePointer<CChar>, _ length: Int) -> Int {
    received += length
    if received > maxSize {
      exceeded = true
      return 0  // libcurl aborts the transfer with CURLE_WRITE_ERROR
    }
    let buffer = UnsafeRawBufferPointer(start: data, count: length)
    hasher.update(bufferPointer: buffer)
    var offset = 0
    while offset < length {
      let written = Glibc.write(fd, data + offset, length - offset)
      if written < 0 {
        if errno == EINTR { continue }
        writeFailed = true
        return 0
      }
      offset += written
    }
    return length
  }

  func finish(_ code: CURLcode) -> FetchOutcome {
    var outcome = FetchOutcome(request: pending.request, result: .fetched)
    outcome.attempts = pending.attempt
    outcome.duration = now() - pending.started
    var status = 0
    _ = ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
    outcome.status = status == 0 ? nil : status
    var effective: UnsafeMutablePointer<CChar>?
    if ccurl_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK,
      let effective
    {
      outcome.finalURL = String(cString: effective)
    }
    outcome.etag = headers.etag
    outcome.lastModified = headers.lastModified
    outcome.contentType = headers.contentType
    outcome.retryAfter = headers.retryAfter
    let failure = classify(code, status: status)
    if let failure {
      outcome.result = .failed(failure)
      unlink(bodyPath)
      return outcome
    }
    if status == 304 {
      // "Not modified" only means something against the validators sent: without them the
      // server claims a copy this run does not hold, and nothing can be reused.
      guard sentValidators else {
        outcome.result = .failed(.notModifiedWithoutValidators)
        unlink(bodyPath)
        return outcome
      }
      outcome.result = .notModified
      unlink(bodyPath)
      return outcome
    }
    // Not flushed here: the caller flushes all the bodies of a run at once before it uses them.
    outcome.bytes = received
    outcome.sha256 = hexString(hasher.finalize())
    outcome.bodyFile = bodyPath
    return outcome
  }

  private func classify(_ code: CURLcode, status: Int) -> FetchFailure? {
    switch code {
    case CURLE_OK:
      if (200...299).contains(status) || status == 304 { return nil }
      return .httpStatus(status)
    case CURLE_OPERATION_TIMEDOUT:
      return .timedOut(seconds: timeout)
    case CURLE_WRITE_ERROR where exceeded, CURLE_FILESIZE_EXCEEDED:
      return .tooLarge(limit: maxSize)
    case CURLE_WRITE_ERROR where writeFailed:
      return .transfer("cannot write the body to \(bodyPath)")
    case CURLE_TOO_MANY_REDIRECTS:
      return .tooManyRedirects(limit: maxRedirects)
    case CURLE_UNSUPPORTED_PROTOCOL:
      // The refused URL: the pending redirect, or where libcurl stopped.
      var target: UnsafeMutablePointer<CChar>?
      _ = ccurl_easy_getinfo_string(handle, CURLINFO_REDIRECT_URL, &target)
      if target == nil { _ = ccurl_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &target) }
      return .redirectRefused(target.map { String(cString: $0) } ?? "(unknown)")
    case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
      return .connectionFailed(message(code))
    case CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING, CURLE_SEND_ERROR:
      return .interrupted(message(code))
    default:
      return .transfer(message(code))
    }
  }

  private func message(_ code: CURLcode) -> String {
    String(cString: curl_easy_strerror(code)).lowercased()
  }
}

@available(*, unavailable) extension Transfer: Sendable {}

private let writeBody: ccurl_data_callback = { data, size, count, context in
  guard let data, let context else { return 0 }
  let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
  return transfer.write(data, size * count)
}

private let readHeader: ccurl_data_callback = { data, size, count, context in
  guard let data, let context else { return 0 }
  let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
  let length = size * count
  transfer.headers.read(UnsafeRawBufferPointer(start: data, count: length))
  return length
}

/// Lower-case hex of a digest. (`String(format:)` per byte was a visible share of a run of a
/// thousand small fetches.)
func hexString<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
  let digits = Array("0123456789abcdef".utf8)
  var text: [UInt8] = []
  for byte in bytes {
    text.append(digits[Int(byte >> 4)])
    text.append(digits[Int(byte & 0x0F)])
  }
  return String(decoding: text, as: UTF8.self)
}
