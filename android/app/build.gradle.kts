// The APK: Activity, wiring, share sheet and files, the Rust library (cargo-ndk) and its Kotlin bindings
// (uniffi-bindgen, library mode), generated into build/ during the build and never committed.
import org.gradle.api.tasks.Exec

plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
    alias(libs.plugins.kotlin.compose)
}

/** The repository root (Cargo workspace); this file is android/app/build.gradle.kts. */
val repoRoot: File = rootProject.projectDir.parentFile
val rustAbis = listOf("arm64-v8a", "armeabi-v7a", "x86_64")
val rustJniLibs = layout.buildDirectory.dir("rustJniLibs")
val uniffiOut = layout.buildDirectory.dir("generated/uniffi/kotlin")

android {
    namespace = "id.pantau.app"
    compileSdk = libs.versions.compileSdk.get().toInt()
    ndkVersion = libs.versions.ndk.get()

    defaultConfig {
        applicationId = "id.pantau"
        minSdk = libs.versions.minSdk.get().toInt()
        targetSdk = libs.versions.targetSdk.get().toInt()
        versionCode = 1
        versionName = "0.1.0"
        // Only the app's two languages are packaged from the libraries' resources ("in" = Indonesian).
        resourceConfigurations += listOf("in", "en")
    }

    buildTypes {
        release {
            isMinifyEnabled = true
            isShrinkResources = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }

    // One APK per ABI: the Rust library is most of the size (architecture.md "Building for Android").
    splits {
        abi {
            isEnable = true
            reset()
            include(*rustAbis.toTypedArray())
            isUniversalApk = false
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
        isCoreLibraryDesugaringEnabled = true // java.time on API 24-25
    }

    buildFeatures {
        compose = true
        buildConfig = false
    }

    sourceSets["main"].java.srcDir(uniffiOut)
    // The adapter over the generated bindings (UniffiPantauRepository) is compiled with them, here.
    sourceSets["main"].java.srcDir("../logic/src/uniffi/kotlin")
    sourceSets["main"].jniLibs.srcDir(rustJniLibs)
}

kotlin { jvmToolchain(17) }

// cargo-ndk builds the one cdylib (pantau-ffi) for every ABI into build/rustJniLibs/<abi>/.
val cargoNdkBuild = tasks.register<Exec>("cargoNdkBuild") {
    group = "rust"
    description = "Builds libpantau_ffi.so for ${rustAbis.joinToString()} with cargo-ndk"
    workingDir = repoRoot
    inputs.files(fileTree(repoRoot) { include("Cargo.toml", "Cargo.lock", ".cargo/**", "core/**", "uniffi-bindings/**"); exclude("**/target/**") })
    outputs.dir(rustJniLibs)
    val ndkDir = androidComponents.sdkComponents.ndkDirectory
    doFirst { environment("ANDROID_NDK_HOME", ndkDir.get().asFile.absolutePath) }
    commandLine(
        listOf("cargo", "ndk") + rustAbis.flatMap { listOf("-t", it) } +
            listOf("--platform", libs.versions.minSdk.get(), "-o", rustJniLibs.get().asFile.absolutePath,
                "build", "-p", "pantau-ffi", "--release"),
    )
}

// uniffi-bindgen reads the interface from a built library (library mode) and writes the Kotlin. It reads
// an unstripped HOST debug build: the release .so files are stripped (root Cargo.toml), which removes the
// uniffi metadata, and the interface is the same for every ABI (omit_checksums, uniffi.toml). Same steps
// as scripts/lib-bindings.sh, which the JVM tests use.
val generateUniffiBindings = tasks.register<Exec>("generateUniffiBindings") {
    group = "rust"
    description = "Generates the Kotlin bindings of pantau-ffi from a host debug build"
    workingDir = repoRoot
    inputs.files(fileTree(repoRoot) { include("Cargo.toml", "Cargo.lock", ".cargo/**", "core/**", "uniffi-bindings/**"); exclude("**/target/**") })
    outputs.dir(uniffiOut)
    val out = uniffiOut.get().asFile.absolutePath
    commandLine(
        "sh", "-c",
        "cargo build -p pantau-ffi --features bindgen && " +
            "lib=target/debug/libpantau_ffi.so; [ -f \"\$lib\" ] || lib=target/debug/libpantau_ffi.dylib; " +
            "target/debug/uniffi-bindgen generate \"\$lib\" --language kotlin --no-format " +
            "--config uniffi-bindings/uniffi.toml --out-dir '$out'",
    )
}

tasks.named("preBuild") { dependsOn(cargoNdkBuild, generateUniffiBindings) }

dependencies {
    implementation(project(":ui"))
    implementation(project(":logic"))
    implementation(libs.androidx.core)
    implementation(libs.androidx.activity.compose)
    implementation(libs.androidx.lifecycle.viewmodel)
    implementation(libs.androidx.lifecycle.runtime.compose)
    implementation(libs.compose.runtime)
    implementation(libs.kotlinx.coroutines.android)
    // JNA with its native libraries for every ABI (uniffi docs: kotlin/gradle.md)
    implementation(variantOf(libs.jna) { artifactType("aar") })
    coreLibraryDesugaring(libs.desugar.jdk.libs)
}
