// Pantau Android build. Modules: :logic (plain Kotlin/JVM screen state, no android.*), :ui (Compose
// Material 3 composables, androidx.compose.* only), :app (Activity, wiring, Rust library, bindings).
// android/desktop (JVM rendering and UI tests of :ui) is built by scripts/render-screens.sh and
// scripts/test-kotlin.sh, not by Gradle.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "pantau"
include(":logic", ":ui", ":app")
