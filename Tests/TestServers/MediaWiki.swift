import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Debian's MediaWiki (the `mediawiki` package, 1.39 on Debian 12), installed afresh with
/// SQLite in a temporary folder and served by PHP's built-in server on a free port of
/// 127.0.0.1; stopped and removed when the value goes away.
///
/// Nothing global is written: `install.php` gets `--dbpath` and `--confpath` in the folder,
/// and every PHP process finds that LocalSettings.php through `MW_CONFIG_FILE`. The code is
/// read from /usr/share/mediawiki, so it works as root and as any other user.
///
/// Faults are switched on by files in `<folder>/flags`, read by a setting file that
/// LocalSettings.php includes: `read-denied` (`$wgGroupPermissions['*']['read'] = false`, so
/// the API answers `readapidenied`), `lagged` (its number of API requests get MediaWiki's own
/// `maxlag` error, through the `ApiMaxLagInfo` hook), `unavailable` (its number of requests get
/// a 503 with `Retry-After: 1`) and `slow` (every request waits that many seconds).
public final class MediaWiki: @unchecked Sendable {
  public static let installation = "/usr/share/mediawiki"
  public static let php = "/usr/bin/php"

  public let port: Int
  public let folder: String
  /// "1.39.17": the installed release, as includes/Defines.php states it.
  public let version: String
  private let server = Process()

  /// The site root; the Action API is at `<base>/w/api.php`.
  public var base: String { "http://127.0.0.1:\(port)" }

  /// Installs the wiki and creates `pages` (title → wikitext), in order.
  public init(pages: [(title: String, text: String)]) throws {
    guard FileManager.default.isExecutableFile(atPath: Self.php),
      FileManager.default.fileExists(atPath: Self.installation + "/maintenance/install.php")
    else {
      throw ServerError(
        "PHP and Debian's mediawiki package are needed for the MediaWiki tests: run scripts/setup.sh"
      )
    }
    folder =
      FileManager.default.temporaryDirectory.path + "/claimledger-mediawiki-" + UUID().uuidString
    for sub in ["db", "conf", "flags", "root"] {
      try FileManager.default.createDirectory(
        atPath: folder + "/" + sub, withIntermediateDirectories: true)
    }
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/root/w", withDestinationPath: Self.installation)
    let defines =
      (try? String(contentsOfFile: Self.installation + "/includes/Defines.php", encoding: .utf8))
      ?? ""
    version =
      defines.split(separator: "\n").first { $0.contains("'MW_VERSION'") }
      .flatMap { $0.split(separator: "'").dropFirst(3).first }.map(String.init) ?? "unknown"
    port = freePort()
    try runPHP([
      "maintenance/install.php", "--dbtype", "sqlite", "--dbpath", folder + "/db", "--confpath",
      folder + "/conf", "--server", "http://127.0.0.1:\(port)", "--scriptpath", "/w", "--lang",
      "en", "--pass", "Claimledger-test-password-1", "--skins", "", "ClaimLedger Test Wiki",
      "Admin",
    ])
    try Data(Self.faults(flags: folder + "/flags").utf8).write(
      to: URL(fileURLWithPath: folder + "/conf/faults.php"))
    let settings = try FileHandle(
      forWritingTo: URL(fileURLWithPath: folder + "/conf/LocalSettings.php"))
    settings.seekToEndOfFile()
    settings.write(Data("\nrequire_once __DIR__ . '/faults.php';\n".utf8))
    try settings.close()
    for page in pages { try edit(page.title, page.text) }
    try start()
  }

  deinit {
    if server.isRunning {
      // PHP's built-in server, started from the test runner, does not end on SIGTERM.
      kill(server.processIdentifier, SIGKILL)
      server.waitUntilExit()
    }
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// Creates or replaces a page through `maintenance/edit.php`.
  public func edit(_ title: String, _ text: String) throws {
    try runPHP(
      ["maintenance/edit.php", "--summary", "test page", "--user", "Admin", title], input: text)
  }

  /// Switches a fault on (with its number, as text) or off.
  public func setFlag(_ name: String, _ value: String?) throws {
    let path = folder + "/flags/" + name
    if let value {
      try Data(value.utf8).write(to: URL(fileURLWithPath: path))
    } else if FileManager.default.fileExists(atPath: path) {
      try FileManager.default.removeItem(atPath: path)
    }
  }

  /// The setting file: faults for web requests only, so maintenance scripts are unaffected.
  static func faults(flags: String) -> String {
    """
    <?php
    // Faults the ClaimLedger tests switch on with files in \(flags).
    $claimledgerFlags = '\(flags)';
    // Takes one from the count in a flag file; true while it was above zero.
    $claimledgerTake = static function ( string $name ) use ( $claimledgerFlags ): bool {
    	$path = "$claimledgerFlags/$name";
    	$left = (int)@file_get_contents( $path );
    	if ( $left <= 0 ) {
    		return false;
    	}
    	file_put_contents( $path, (string)( $left - 1 ) );
    	return true;
    };
    if ( file_exists( "$claimledgerFlags/read-denied" ) ) {
    	$wgGroupPermissions['*']['read'] = false;
    }
    if ( PHP_SAPI === 'cli-server' ) {
    	$slow = (int)@file_get_contents( "$claimledgerFlags/slow" );
    	if ( $slow > 0 ) {
    		sleep( $slow );
    	}
    	if ( $claimledgerTake( 'unavailable' ) ) {
    		http_response_code( 503 );
    		header( 'Retry-After: 1' );
    		header( 'Content-Type: text/plain' );
    		echo "Service Unavailable\\n";
    		exit;
    	}
    	// MediaWiki's own maxlag path: the hook reports a lagged replica, ApiMain answers.
    	$wgHooks['ApiMaxLagInfo'][] = static function ( &$lagInfo ) use ( $claimledgerTake ) {
    		if ( $claimledgerTake( 'lagged' ) ) {
    			$lagInfo = [ 'host' => 'replica (test)', 'lag' => 7, 'type' => 'db' ];
    		}
    	};
    }

    """
  }

  private func start() throws {
    server.executableURL = URL(fileURLWithPath: Self.php)
    server.arguments = ["-S", "127.0.0.1:\(port)", "-t", folder + "/root"]
    server.currentDirectoryURL = URL(fileURLWithPath: folder + "/root")
    server.environment = environment
    server.standardInput = FileHandle.nullDevice
    server.standardOutput = FileHandle.nullDevice
    server.standardError = FileHandle.nullDevice
    try server.run()
    let deadline = Date().addingTimeInterval(15)
    while !accepts(port) {
      guard server.isRunning, Date() < deadline else {
        throw ServerError("PHP's built-in server did not start on port \(port)")
      }
      usleep(20_000)
    }
  }

  private var environment: [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["MW_CONFIG_FILE"] = folder + "/conf/LocalSettings.php"
    return environment
  }

  /// Runs a PHP script of the installation; throws with its output when it fails.
  private func runPHP(_ arguments: [String], input: String? = nil) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.php)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: Self.installation)
    process.environment = environment
    let log = folder + "/php-" + UUID().uuidString + ".log"
    _ = FileManager.default.createFile(atPath: log, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: log) }
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    process.standardOutput = output
    process.standardError = output
    let pipe = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : pipe
    try process.run()
    if let input {
      pipe.fileHandleForWriting.write(Data(input.utf8))
      try pipe.fileHandleForWriting.close()
    }
    process.waitUntilExit()
    try output.close()
    guard process.terminationStatus == 0 else {
      let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
      throw ServerError(
        "php \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(text)")
    }
  }
}
