import ClaimExtraction
import Foundation
let path = CommandLine.arguments[1]
let data = try! Data(contentsOf: URL(fileURLWithPath: path))
let bytes = [UInt8](data)
let result = Extractor().extract(bytes)
func line(_ off: Int) -> Int { bytes[..<off].filter { $0 == 10 }.count + 1 }
for d in result.dates { print("DATE", line(d.range.lowerBound), String(decoding: bytes[d.range], as: UTF8.self), d.value.edtf) }
for e in result.entities { print("ENT", line(e.range.lowerBound), e.text, e.kind, e.key) }
for a in result.acronyms { print("ACR", a.acronym, a.name) }
for c in result.claims { print("CLAIM", line(c.date.range.lowerBound), c.subject.text, c.predicate, c.value.edtf, c.rule) }
for i in result.encodingIssues { print("ENC", line(i.offset), i.found) }
