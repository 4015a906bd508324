import ClaimExtraction

/// Extracts from a string literal.
func extract(_ text: String) -> Extraction {
  Extractor().extract(Array(text.utf8))
}

/// The date mentions of a text as (surface text, EDTF value, precision).
func dates(_ text: String) -> [(String, String, DatePrecision)] {
  let bytes = Array(text.utf8)
  return Extractor().extract(bytes).dates.map {
    (String(decoding: bytes[$0.range], as: UTF8.self), $0.value.edtf, $0.value.precision)
  }
}

/// The claims of a text as "Subject|predicate|value".
func claims(_ text: String) -> [String] {
  extract(text).claims.map { "\($0.subject.text)|\($0.predicate.rawValue)|\($0.value.edtf)" }
}

/// The repository's root, found from this file's path.
let repositoryRoot: String = {
  var path = #filePath
  for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
  return path
}()

/// `../shared` beside the repository: the seed articles and the evaluation data.
let sharedFolder = repositoryRoot + "/../shared"
