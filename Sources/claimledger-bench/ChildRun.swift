import ArgumentParser
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// One finished (or stopped) run of a program the benchmarks time.
struct ChildRun {
  /// Wall-clock seconds from spawn to exit.
  var seconds: Double
  /// Processor seconds, user + system, all threads.
  var cpuSeconds: Double
  /// Peak resident memory of the process, in MiB.
  var peakMiB: Double
  /// Killed because it ran longer than its time limit: the figures are then a lower bound.
  var timedOut = false
}

/// Where a timed program's standard output and error go: /dev/null unless a file is named
/// (the file is replaced), so that the benchmark can count the bytes a command prints.
struct ChildOutput {
  var standardOutput = "/dev/null"
  var standardError = "/dev/null"
}

/// Set once the child has exited, so that a late time limit never signals a reused process id.
private final class KillSwitch: Sendable {
  private let state = Mutex<(exited: Bool, killed: Bool)>((false, false))

  func killUnlessExited(_ child: pid_t) {
    state.withLock {
      guard !$0.exited else { return }
      kill(child, SIGKILL)
      $0.killed = true
    }
  }

  /// Marks the child exited (it is still a zombie, so its id is not yet free); says whether
  /// the time limit killed it.
  func markExited() -> Bool {
    state.withLock {
      $0.exited = true
      return $0.killed
    }
  }
}

/// Runs a program in a folder and waits for it; it must exit 0 unless `limit` seconds pass
/// first, in which case it is killed and the run says so.
///
/// Spawns and waits with POSIX calls: Foundation's `Process.waitUntilExit` on Linux polls its
/// run loop every 50 ms, which rounded every time up to the next 50 ms; `wait4` also gives the
/// child's processor time and peak memory.
func runChild(
  _ program: String, _ arguments: [String], in folder: String,
  output: ChildOutput = ChildOutput(), limit: Double? = nil
) throws -> ChildRun {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(
    &actions, 1, output.standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  posix_spawn_file_actions_addopen(
    &actions, 2, output.standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  let previous = FileManager.default.currentDirectoryPath
  let program = program.hasPrefix("/") ? program : previous + "/" + program
  // posix_spawn starts the child in the parent's folder (addchdir_np is glibc ≥ 2.29 only).
  guard FileManager.default.changeCurrentDirectoryPath(folder) else {
    throw ValidationError("cannot enter \(folder)")
  }
  defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
  let argv = ([program] + arguments).map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  var child: pid_t = 0
  let start = DispatchTime.now().uptimeNanoseconds
  let spawned = posix_spawn(&child, program, &actions, nil, argv, environ)
  guard spawned == 0 else {
    throw ValidationError("cannot run \(program): \(String(cString: strerror(spawned)))")
  }
  let killSwitch = KillSwitch()
  if let limit {
    let spawnedChild = child
    DispatchQueue.global().asyncAfter(deadline: .now() + limit) {
      killSwitch.killUnlessExited(spawnedChild)
    }
  }
  // Wait without reaping first: until wait4 below, the id cannot be given to another process.
  var info = siginfo_t()
  while waitid(P_PID, id_t(child), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  let timedOut = killSwitch.markExited()
  var status: Int32 = 0
  var usage = rusage()
  while wait4(child, &status, 0, &usage) < 0 && errno == EINTR {}
  func value(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
  // Exited normally (low 7 bits zero) with status 0.
  guard timedOut || (status & 0x7f == 0 && (status >> 8) & 0xff == 0) else {
    throw ValidationError(
      "\(program) \(arguments.joined(separator: " ")) failed (wait status \(status))")
  }
  return ChildRun(
    seconds: seconds, cpuSeconds: value(usage.ru_utime) + value(usage.ru_stime),
    peakMiB: Double(usage.ru_maxrss) / 1024, timedOut: timedOut)
}

/// Size of a file in bytes, 0 when it does not exist.
func fileSize(_ path: String) -> Int {
  var status = stat()
  return stat(path, &status) == 0 ? Int(status.st_size) : 0
}
