// libFuzzer entry: any bytes as the server's input stream, cut into reads at points the input
// itself chooses; every frame is decoded as JSON-RPC. Must never crash or loop.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFraming(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var framer = MessageFramer()
    var offset = 0
    var step = Int(bytes.first ?? 7) % 97 + 1
    while offset < bytes.count {
        let end = min(bytes.count, offset + step)
        for frame in framer.feed(Data(bytes[offset..<end])) {
            if case .message(let body) = frame, let json = try? JSONDecoder().decode(JSONValue.self, from: body) {
                _ = IncomingMessage(json)
            }
        }
        offset = end
        step = step * 31 % 251 + 1
    }
    return 0
}
