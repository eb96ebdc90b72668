import Dispatch

extension Array {
    /// `map` with the items transformed on every core at once, results in the items' order.
    /// For a few large, independent pieces of work (the files of a rules folder), where the
    /// threads' start-up is small beside each piece; a single item is transformed on the calling thread.
    func concurrentMap<R>(_ transform: (Element) -> R) -> [R] {
        guard count > 1 else { return map(transform) }
        var results = [R?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            // Each iteration writes its own slot only, so the slots are never shared.
            nonisolated(unsafe) let slots = slots
            withoutActuallyEscaping(transform) { transform in
                nonisolated(unsafe) let transform = transform
                self.withUnsafeBufferPointer { items in
                    nonisolated(unsafe) let items = items
                    DispatchQueue.concurrentPerform(iterations: items.count) { slots[$0] = transform(items[$0]) }
                }
            }
        }
        return results.map { $0! }
    }
}
