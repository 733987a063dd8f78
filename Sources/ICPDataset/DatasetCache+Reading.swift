import ICPLanguage
import ICPEngine

/// How the cache stores what the reading found: each column's unit, date order and questions,
/// and the file's dialect, so a warm start says what a cold one did.
extension BinaryWriter {
    mutating func write(_ reading: ColumnReading) {
        write(reading.unit.scale)
        write(reading.unit.currency ?? "")
        write(UInt8(reading.unit.percent ? 1 : 0))
        write(reading.unitSource ?? "")
        write(UInt8(reading.dateOrder.map { $0 == .dayFirst ? 1 : 2 } ?? 0))
        write(UInt8(reading.dateOrderDeclared ? 1 : 0))
        write(reading.flags?.rawValue ?? "")
        write(reading.decimal?.rawValue ?? "")
        write(UInt8(reading.example == nil ? 0 : 1))
        write(reading.example ?? "")
        write(UInt32(reading.questions.count))
        for question in reading.questions {
            write(question.kind.rawValue)
            write(question.message)
            write(question.fix)
            write(UInt32(question.values.count))
            for value in question.values { write(value) }
        }
    }

    mutating func write(_ reading: DatasetReading) {
        write(reading.encoding.rawValue)
        write(UInt8(reading.byteOrderMark ? 1 : 0))
        write(UInt16(reading.delimiter.map(UInt16.init) ?? 0xFFFF))
        let quote: UInt16 = switch reading.quote {
        case .character(let byte)?: UInt16(byte)
        case .none?: 0xFFFE
        case nil: 0xFFFF
        }
        write(quote)
        write(UInt8(reading.header ? 1 : 0))
        write(UInt32(reading.preambleLines))
        write(UInt32(reading.headerLine))
        write(reading.declared.sorted().joined(separator: ","))
        write(UInt64(reading.badRows))
        write(array: reading.badRowLines.map(UInt64.init))
        write(reading.badRowsPolicy.rawValue)
        write(UInt8(reading.droppedTrailingColumn ? 1 : 0))
        write(reading.headerDoubt ?? "")
    }
}

extension BinaryReader {
    mutating func readColumnReading() -> ColumnReading? {
        var reading = ColumnReading()
        guard let scale = readDouble(), let currency = readString(), let percent = read(UInt8.self), let source = readString(),
              let order = read(UInt8.self), let declared = read(UInt8.self), let flags = readString(), let decimal = readString(),
              let hasExample = read(UInt8.self), let example = readString(), let count = read(UInt32.self), count <= 64 else { return nil }
        reading.unit = NumberUnit(scale: scale, currency: currency.isEmpty ? nil : currency, percent: percent == 1)
        reading.unitSource = source.isEmpty ? nil : source
        reading.dateOrder = order == 1 ? .dayFirst : order == 2 ? .monthFirst : nil
        reading.dateOrderDeclared = declared == 1
        reading.flags = FlagWords(rawValue: flags)
        reading.decimal = DecimalMark(rawValue: decimal)
        reading.example = hasExample == 1 ? example : nil
        for _ in 0..<count {
            guard let kindName = readString(), let kind = ReadingQuestion.Kind(rawValue: kindName), let message = readString(),
                  let fix = readString(), let valueCount = read(UInt32.self), valueCount <= 64 else { return nil }
            var values: [String] = []
            for _ in 0..<valueCount {
                guard let value = readString() else { return nil }
                values.append(value)
            }
            reading.questions.append(ReadingQuestion(kind: kind, message: message, fix: fix, values: values))
        }
        return reading
    }

    mutating func readDatasetReading() -> DatasetReading? {
        var reading = DatasetReading()
        guard let encodingName = readString(), let encoding = TextEncoding(rawValue: encodingName), let mark = read(UInt8.self),
              let delimiter = read(UInt16.self), let quote = read(UInt16.self), let header = read(UInt8.self),
              let preamble = read(UInt32.self), let headerLine = read(UInt32.self), let declared = readString(),
              let badRows = read(UInt64.self), let lines = readArray(of: UInt64.self), let policyName = readString(),
              let policy = BadRows(rawValue: policyName), let dropped = read(UInt8.self), let doubt = readString() else { return nil }
        reading.encoding = encoding
        reading.byteOrderMark = mark == 1
        reading.delimiter = delimiter <= 0xFF ? UInt8(delimiter) : nil
        reading.quote = quote <= 0xFF ? .character(UInt8(quote)) : quote == 0xFFFE ? QuoteSetting.none : nil
        reading.header = header == 1
        reading.preambleLines = Int(preamble)
        reading.headerLine = Int(headerLine)
        reading.declared = Set(declared.split(separator: ",").map(String.init))
        reading.badRows = Int(clamping: badRows)
        reading.badRowLines = lines.map { Int(clamping: $0) }
        reading.badRowsPolicy = policy
        reading.droppedTrailingColumn = dropped == 1
        reading.headerDoubt = doubt.isEmpty ? nil : doubt
        return reading
    }
}
