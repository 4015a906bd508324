import ExtractionEvaluation
import Foundation

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
