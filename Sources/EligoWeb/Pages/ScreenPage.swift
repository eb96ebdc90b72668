import Eligo

/// The reviewers' page: upload a file of applications, get `eligo screen`'s HTML page or CSV.
enum ScreenPage {
    static func upload(limit: Int, error: String?) -> String {
        var body = "<main id=\"main\" class=\"main\"><h1 class=\"heading-xl\">Screen a file of applications</h1>"
        if let error {
            body +=
                "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2 class=\"error-summary-title\">There is a problem</h2><ul class=\"error-summary-list\"><li><a href=\"#f-records\">\(HTML.escape(error))</a></li></ul></div>"
        }
        body +=
            "<p class=\"lead\">Every application in the file is decided with the same rules as the self-check and <code>eligo screen</code>. Each record read gets one result: the page says how many went in and how many came out.</p>"
        body += "<form method=\"post\" action=\"/screen\" enctype=\"multipart/form-data\">"
        body +=
            "<div class=\"form-group\(error == nil ? "" : " form-group-error")\"><label class=\"label\" for=\"f-records\">File of applications</label>"
        body +=
            "<div class=\"hint\" id=\"f-records-hint\">A CSV, JSON Lines (.jsonl) or YAML file, up to \(ByteCount.words(limit)). Its type is taken from its name.</div>"
        if let error {
            body += "<p class=\"error-message\" id=\"f-records-error\"><span class=\"visually-hidden\">Error:</span> \(HTML.escape(error))</p>"
        }
        body +=
            "<input class=\"file-upload\" type=\"file\" id=\"f-records\" name=\"records\" accept=\".csv,.jsonl,.ndjson,.json,.yaml,.yml\" aria-describedby=\"f-records-hint\(error == nil ? "" : " f-records-error")\"></div>"
        body +=
            "<div class=\"form-group\"><fieldset class=\"fieldset\"><legend class=\"legend legend-s\">Results as</legend><div class=\"radios radios-inline\">"
        body +=
            "<div class=\"radio\"><input class=\"radio-input\" type=\"radio\" id=\"f-output\" name=\"output\" value=\"html\" checked><label class=\"label radio-label\" for=\"f-output\">A page</label></div>"
        body +=
            "<div class=\"radio\"><input class=\"radio-input\" type=\"radio\" id=\"f-output-2\" name=\"output\" value=\"csv\"><label class=\"label radio-label\" for=\"f-output-2\">A CSV file</label></div>"
        body += "</div></fieldset></div><button class=\"button\">Screen the file</button></form>"
        body += "<p>The file is read, decided and sent back; nothing in it is stored or logged.</p></main>"
        return Layout.page(title: error == nil ? "Screen applications" : "Error: Screen applications", body: body)
    }
}

/// `multipart/form-data` bodies: the parts of an upload form.
enum Multipart {
    struct Part {
        var name: String
        var filename: String?
        var body: [UInt8]
    }

    static func parts(_ body: [UInt8], contentType: String) -> [Part] {
        guard let at = contentType.split(separator: ";").first(where: { String($0).trimmingSpaces.lowercased().hasPrefix("boundary=") }) else {
            return []
        }
        var boundary = String(String(at).trimmingSpaces.dropFirst("boundary=".count))
        if let semi = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semi]) }
        boundary = boundary.trimmingSpaces.trimmingCharacters(of: "\"")
        guard !boundary.isEmpty else { return [] }
        let delimiter = Array(("\r\n--" + boundary).utf8)
        // The body starts with "--boundary" (no CRLF before the first one).
        var data = [13, 10] + body
        var parts: [Part] = []
        var positions: [Int] = []
        var i = 0
        while let at = find(delimiter, in: data, from: i) {
            positions.append(at)
            i = at + delimiter.count
        }
        for (a, b) in zip(positions, positions.dropFirst()) {
            var start = a + delimiter.count
            // Skip the CRLF after the boundary.
            if start + 1 < data.count && data[start] == 13 && data[start + 1] == 10 { start += 2 }
            guard let headerEnd = find([13, 10, 13, 10], in: data, from: start), headerEnd < b else { continue }
            let headers = String(decoding: data[start..<headerEnd], as: UTF8.self)
            guard let name = parameter("name", in: headers) else { continue }
            parts.append(Part(name: name, filename: parameter("filename", in: headers), body: Array(data[(headerEnd + 4)..<b])))
        }
        data.removeAll()
        return parts
    }

    private static func parameter(_ key: String, in headers: String) -> String? {
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition") {
            for piece in line.split(separator: ";") {
                let kv = String(piece).trimmingSpaces
                if kv.hasPrefix(key + "=") { return String(kv.dropFirst(key.count + 1)).trimmingCharacters(of: "\"") }
            }
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count, from <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var i = from
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

extension String {
    func trimmingCharacters(of c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s = s.dropFirst() }
        while s.last == c { s = s.dropLast() }
        return String(s)
    }
}
