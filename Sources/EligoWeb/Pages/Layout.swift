import Eligo

/// The frame every page shares: a skip link, the service header, the main column
/// and a footer saying what happens to the answers (nothing is stored).
enum Layout {
    static func page(title: String, body: String, wide: Bool = false) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc(title)) – eligo</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/assets/eligo.css">
        <script src="/assets/eligo.js" defer></script>
        </head><body>
        <a href="#main" class="skip-link">Skip to main content</a>
        <header class="header"><div class="width-container">
        <a href="/" class="header-service">Local Leaders of Education: eligibility</a>
        <nav aria-label="Service"><ul class="header-nav">
        <li><a href="/self-check">Self-check</a></li><li><a href="/criteria">The criteria</a></li><li><a href="/screen">Reviewers</a></li>
        </ul></nav></div></header>
        <div class="width-container\(wide ? " wide" : "")">
        \(body)
        </div>
        <footer class="footer"><div class="width-container">
        <p>Privacy: this service stores nothing you enter. Your answers are checked and sent back to you;
        the server's log records only the decision, the rules' version and how long it took.
        Download your answers to keep them.</p>
        </div></footer>
        </body></html>

        """
    }

    static func esc(_ s: String) -> String { HTML.escape(s) }

    /// An id safe in HTML and CSS for a record path (`applicant.headships[0].start` → `f-applicant-headships-0-start`).
    static func id(_ path: String) -> String {
        "f-" + String(path.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "-" }).replacingDashes
    }
}

extension String {
    /// Runs of dashes as one, none at the end.
    var replacingDashes: String {
        var out = ""
        for c in self where !(c == "-" && out.last == "-") { out.append(c) }
        while out.last == "-" { out.removeLast() }
        return out
    }
}
