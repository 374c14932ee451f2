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
    inputs.files(fileTree(repoRoot) { include("Cargo.toml", "Cargo.lock", "core/**", "uniffi-bindings/**"); exclude("**/target/**") })
    outputs.dir(rustJniLibs)
    val ndkDir = androidComponents.sdkComponents.ndkDirectory
    doFirst { environment("ANDROID_NDK_HOME", ndkDir.get().asFile.absolutePath) }
    commandLine(
        listOf("cargo", "ndk") + rustAbis.flatMap { listOf("-t", it) } +
            listOf("--platform", libs.versions.minSdk.get(), "-o", rustJniLibs.get().asFile.absolutePath,
                "build", "-p", "pantau-ffi", "--release"),
    )
}

// uniffi-bindgen reads the interface from the built library (library mode) and writes the Kotlin.
val generateUniffiBindings = tasks.register<Exec>("generateUniffiBindings") {
    group = "rust"
    description = "Generates the Kotlin bindings of pantau-ffi from the arm64-v8a library"
    dependsOn(cargoNdkBuild)
    workingDir = repoRoot
    val library = rustJniLibs.map { it.file("arm64-v8a/libpantau_ffi.so") }
    inputs.file(library)
    outputs.dir(uniffiOut)
    commandLine(
        "cargo", "run", "-p", "pantau-ffi", "--features", "bindgen", "--bin", "uniffi-bindgen", "--",
        "generate", library.get().asFile.absolutePath, "--language", "kotlin", "--no-format",
        "--config", "uniffi-bindings/uniffi.toml", "--out-dir", uniffiOut.get().asFile.absolutePath,
    )
}

tasks.named("preBuild") { dependsOn(generateUniffiBindings) }

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
