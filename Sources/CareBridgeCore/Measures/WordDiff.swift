/// A word-level difference between two texts, as an amendment shows it: words kept, removed and added, in order,
/// white space kept with the words so the pieces put back together give each text exactly.
public enum WordDiff {
    public enum Kind: String, Codable, Sendable { case same, removed, added }
    public struct Segment: Codable, Sendable, Hashable {
        public var kind: Kind
        public var text: String
        public init(_ kind: Kind, _ text: String) { (self.kind, self.text) = (kind, text) }
    }

    /// Words with their following white space ("extend ", "free ", "care."), so a change of spacing alone is small.
    static func tokens(_ text: String) -> [Substring] {
        var out: [Substring] = []
        var start = text.startIndex, index = text.startIndex, inSpace = false
        while index < text.endIndex {
            let isSpace = text[index].isWhitespace
            if inSpace && !isSpace { out.append(text[start..<index]); start = index }
            inSpace = isSpace
            index = text.index(after: index)
        }
        if start < text.endIndex { out.append(text[start..<text.endIndex]) }
        return out
    }

    /// The difference from `old` to `new`: the longest common subsequence of words, after the common start and end
    /// are set aside (the usual amendment changes a few words of a long text). Long middles beyond `limit` cells are
    /// shown as removed then added instead of being compared word by word.
    public static func diff(_ old: String, _ new: String, limit: Int = 4_000_000) -> [Segment] {
        let a = tokens(old), b = tokens(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let midA = Array(a[prefix..<(a.count - suffix)]), midB = Array(b[prefix..<(b.count - suffix)])
        var raw: [(Kind, Substring)] = a[..<prefix].map { (.same, $0) }
        if midA.count * midB.count > limit {
            raw += midA.map { (.removed, $0) } + midB.map { (.added, $0) }
        } else {
            // lcs[i][j]: the common words of midA[i...] and midB[j...].
            let n = midA.count, m = midB.count
            var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i][j] = midA[i] == midB[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
            var i = 0, j = 0
            while i < n || j < m {
                if i < n, j < m, midA[i] == midB[j] { raw.append((.same, midA[i])); i += 1; j += 1 }
                else if j < m, i == n || lcs[i][j + 1] > lcs[i + 1][j] { raw.append((.added, midB[j])); j += 1 }
                else { raw.append((.removed, midA[i])); i += 1 }
            }
        }
        raw += a[(a.count - suffix)...].map { (.same, $0) }
        // Runs of one kind become one segment; within a change, removals come before additions.
        var segments: [Segment] = []
        for (kind, text) in raw {
            if let last = segments.last, last.kind == kind { segments[segments.count - 1].text += text } else { segments.append(Segment(kind, String(text))) }
        }
        return segments
    }

    /// The old text back from a diff (the kept and removed pieces).
    public static func old(_ segments: [Segment]) -> String { segments.filter { $0.kind != .added }.map(\.text).joined() }
    /// The new text back from a diff (the kept and added pieces).
    public static func new(_ segments: [Segment]) -> String { segments.filter { $0.kind != .removed }.map(\.text).joined() }
}
