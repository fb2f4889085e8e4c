// swift-tools-version:5.9
// A consumer of the DrmToken Swift package, as an app's package would be: it depends on the package
// by path and imports `DrmToken` only. tests/consumers/swift/run.sh copies it outside the repository
// and sets DRMTOKEN_SWIFT_PACKAGE to the package's directory (bindings/swift); links libdrmtoken.so
// from the directory given with `-Xlinker -L`. A published package would use
// `.package(url: "<git URL>", from: "<version>")` instead of the path.
import PackageDescription

let drmtoken = Context.environment["DRMTOKEN_SWIFT_PACKAGE"] ?? "../../../bindings/swift"

let package = Package(
    name: "DrmTokenConsumer",
    dependencies: [.package(name: "DrmToken", path: drmtoken)],
    targets: [
        .testTarget(
            name: "ConsumerTests",
            dependencies: [.product(name: "DrmToken", package: "DrmToken")],
            path: "Tests/ConsumerTests"
        ),
    ]
)
