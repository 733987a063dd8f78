// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "icp",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "icp", targets: ["icp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Pure analysis: syntax trees with ranges, the ICP model, checks. No file system, no clock.
        .target(
            name: "ICPCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // The file system side: workspace discovery and checking files on disk.
        .target(
            name: "ICPWorkspace",
            dependencies: ["ICPCore"]
        ),
        .executableTarget(
            name: "icp",
            dependencies: [
                "ICPCore",
                "ICPWorkspace",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ICPCoreTests",
            dependencies: ["ICPCore"]
        ),
        .testTarget(
            name: "ICPCLITests",
            dependencies: ["ICPCore", "ICPWorkspace"]
        ),
    ]
)
