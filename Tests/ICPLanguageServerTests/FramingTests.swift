import Foundation
import Testing
@testable import ICPLanguageServer

struct FramingTests {
    private func frames(_ chunks: [String]) -> [MessageFramer.Frame] {
        var framer = MessageFramer()
        return chunks.flatMap { framer.feed(Data($0.utf8)) }
    }

    @Test func headersWithContentTypeAndAnyCase() {
        let body = #"{"a":1}"#
        #expect(frames(["Content-Length: 7\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n\(body)"]) == [.message(Data(body.utf8))])
        #expect(frames(["content-length:7\r\n\r\n\(body)"]) == [.message(Data(body.utf8))])
    }

    @Test func messagesSplitAcrossReadsAndSeveralInOneRead() {
        let one = "Content-Length: 2\r\n\r\n{}"
        #expect(frames(["Content-Len", "gth: 2\r", "\n\r\n{", "}"]) == [.message(Data("{}".utf8))])
        #expect(frames([one + one + one]).count == 3)
    }

    @Test func badHeadersAreSkippedAndReadingGoesOn() {
        let result = frames(["Content-Length: x\r\n\r\n", "Content-Type: y\r\n\r\n", "Content-Length: 2\r\n\r\n{}"])
        #expect(result.count == 3)
        #expect(result.last == .message(Data("{}".utf8)))
        if case .malformed(let reason) = result[0] { #expect(reason.contains("Content-Length")) } else { Issue.record("expected malformed") }
    }

    /// An announced length over the limit is skipped only until the next header: a lie of 70 MB
    /// with no body must not swallow the messages after it, split across reads or not.
    @Test func anOversizedLengthStopsSkippingAtTheNextHeader() {
        let next = "Content-Length: 2\r\n\r\n{}"
        let whole = frames(["Content-Length: 70000000\r\n\r\n" + next])
        #expect(whole.count == 2)
        #expect(whole.last == .message(Data("{}".utf8)))
        let split = frames(["Content-Length: 70000000\r\n\r\nsome body bytes Content-Le", "ngth: 2\r\n\r\n{}"])
        #expect(split.last == .message(Data("{}".utf8)))
        // A real oversized body with no header inside is skipped whole; the message after it arrives.
        let body = String(repeating: "x", count: MessageFramer.maximumLength + 1)
        let real = frames(["Content-Length: \(MessageFramer.maximumLength + 1)\r\n\r\n", body, next])
        #expect(real.count == 2)
        #expect(real.last == .message(Data("{}".utf8)))
    }

    @Test func junkWithoutAHeaderEndIsDroppedAndTheNextMessageStillArrives() {
        let junk = String(repeating: "\u{1}junk", count: 3000)
        let result = frames([junk, "Content-Length: 2\r\n\r\n{}"])
        #expect(result.contains(.message(Data("{}".utf8))))
        #expect(result.contains { if case .malformed = $0 { true } else { false } })
    }

    @Test func oversizedMessagesAreSkippedWhole() {
        var framer = MessageFramer()
        let huge = MessageFramer.maximumLength + 10
        var result = framer.feed(Data("Content-Length: \(huge)\r\n\r\n".utf8))
        result += framer.feed(Data(count: huge))
        result += framer.feed(Data("Content-Length: 2\r\n\r\n{}".utf8))
        #expect(result.first.map { if case .malformed = $0 { true } else { false } } == true)
        #expect(result.last == .message(Data("{}".utf8)))
    }
}
