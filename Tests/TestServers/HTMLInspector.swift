import CLibXML2
import Foundation

/// An HTML page as a browser's parser sees it (libxml2's HTML parser): every element with its
/// attributes and text, for tests that check what a report contains and what it does not.
public struct HTMLInspector {
  public struct Element: Sendable {
    public var name: String
    public var attributes: [String: String]
    /// The element's text content, descendants included.
    public var text: String
  }

  public let elements: [Element]

  public init(_ html: Data) {
    let options = Int32(
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue)
    let bytes = [UInt8](html)
    let document = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) {
        htmlReadMemory($0.baseAddress, Int32($0.count), nil, "utf-8", options)
      }
    }
    var found: [Element] = []
    func visit(_ node: UnsafeMutablePointer<xmlNode>?) {
      var node = node
      while let current = node {
        if current.pointee.type == XML_ELEMENT_NODE {
          var attributes: [String: String] = [:]
          var attribute = current.pointee.properties
          while let property = attribute {
            let name = String(cString: property.pointee.name)
            if let value = xmlGetProp(current, property.pointee.name) {
              attributes[name.lowercased()] = String(cString: value)
              clibxml2_free(value)
            } else {
              attributes[name.lowercased()] = ""
            }
            attribute = property.pointee.next
          }
          var text = ""
          if let content = xmlNodeGetContent(current) {
            text = String(cString: content)
            clibxml2_free(content)
          }
          found.append(
            Element(
              name: String(cString: current.pointee.name).lowercased(), attributes: attributes,
              text: text))
        }
        visit(current.pointee.children)
        node = current.pointee.next
      }
    }
    if let document {
      visit(xmlDocGetRootElement(document))
      xmlFreeDoc(document)
    }
    elements = found
  }

  public func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

  /// Attributes named `on…` anywhere: event handlers.
  public var eventHandlers: [(element: String, attribute: String)] {
    elements.flatMap { element in
      element.attributes.keys.filter { $0.hasPrefix("on") }.map { (element.name, $0) }
    }
  }
}
