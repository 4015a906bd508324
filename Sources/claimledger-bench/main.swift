import ClaimExtraction
import ExtractionEvaluation
import Foundation

if CommandLine.arguments[1] == "tp" {
  let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[2])))
  let chunk = 40_000
  var i = 0
  var claims = 0
  let start = Date()
  bytes.withUnsafeBufferPointer { buf in
    while i < buf.count {
      let end = min(buf.count, i + chunk)
      let r = Extractor().extract(UnsafeBufferPointer(rebasing: buf[i..<end]))
      claims += r.claims.count + r.dates.count + r.entities.count
      i = end
    }
  }
  let t = Date().timeIntervalSince(start)
  print(claims, t, Double(bytes.count) / t / 1e6, "MB/s")
  exit(0)
}
let dir = CommandLine.arguments[1]
var scores: [DateScore] = []
for name in try FileManager.default.contentsOfDirectory(atPath: dir + "/keyinline").sorted() {
  let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/keyinline/" + name)))
  let s = try DateScore.score(document: name, annotated: bytes)
  scores.append(s)
  print(name, s.goldWithYear, s.goldFound, s.mentions, s.mentionsCorrect, s.precision, s.recall)
  if CommandLine.arguments.count > 2 { for m in s.misses { print("  MISS", m) }; for f in s.falsePositives { print("  FP", f) } }
}
let t = DateScore.total(scores)
print("total", t.goldWithYear, t.goldFound, t.mentions, t.mentionsCorrect, t.mentionsUnjudged, t.precision, t.recall)
