//! The Maven coordinates and toolchain levels of the generated project: what a consuming build
//! (an Android app's Gradle build, a JVM service) sees of it. The defaults are the oldest levels
//! the generated code and its runtime support, so the widest range of consumers can read the jar.

use crate::error::{Error, Result};

/// The JVM bytecode levels the Kotlin compiler can target and that a consumer may ask for.
/// `1.8` (class major version 52) is what every Android toolchain (D8/R8) desugars from.
const JVM_TARGETS: &[&str] = &["1.8", "9", "11", "17", "21"];

/// The Kotlin language (and API) versions the generated code compiles under without warnings
/// (the Kotlin 2.3 compiler warns that `2.0` is deprecated, and the build runs with `-Werror`).
/// The metadata in the jar carries this version, and a Kotlin compiler reads metadata of at most
/// one version above its own: `2.1` jars are read by Kotlin 2.0 and later.
const LANGUAGE_VERSIONS: &[&str] = &["2.1", "2.2", "2.3"];

/// How the generated Maven project is named and compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KotlinBuild {
    /// The groupId; the base package when absent.
    pub group: Option<String>,
    /// The artifactId; the last segment of the base package when absent.
    pub artifact: Option<String>,
    /// The project version.
    pub version: String,
    /// The JVM bytecode level (`jvmTarget`).
    pub jvm_target: String,
    /// The Kotlin `languageVersion` and `apiVersion` (kept equal: an API above the language
    /// version is refused by the compiler).
    pub language_version: String,
}

impl Default for KotlinBuild {
    fn default() -> Self {
        KotlinBuild {
            group: None,
            artifact: None,
            version: "0.1.0".to_string(),
            jvm_target: "1.8".to_string(),
            language_version: "2.1".to_string(),
        }
    }
}

impl KotlinBuild {
    /// Refuses a value that would make an invalid pom or a build the generated code cannot pass.
    pub fn check(&self) -> Result<()> {
        if let Some(group) = &self.group {
            coordinate("group", group, true)?;
        }
        if let Some(artifact) = &self.artifact {
            coordinate("artifact", artifact, false)?;
        }
        coordinate("version", &self.version, true)?;
        one_of("jvmTarget", &self.jvm_target, JVM_TARGETS)?;
        one_of("languageVersion", &self.language_version, LANGUAGE_VERSIONS)
    }
}

/// A Maven coordinate: letters, digits and `-_` (and `.` where Maven allows it), never empty,
/// nothing that would need escaping in XML.
fn coordinate(key: &str, value: &str, dots: bool) -> Result<()> {
    let ok = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || (dots && c == '.'));
    if ok {
        Ok(())
    } else {
        Err(Error::Config(format!(
            "kotlin.{key}: \"{value}\" is not a Maven coordinate (letters, digits, '-', '_'{})",
            if dots { ", '.'" } else { "" }
        )))
    }
}

fn one_of(key: &str, value: &str, allowed: &[&str]) -> Result<()> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(Error::Config(format!(
            "kotlin.{key}: \"{value}\" is not supported (one of {})",
            allowed.join(", ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_pass_and_bad_values_name_their_key() {
        assert!(KotlinBuild::default().check().is_ok());
        let cases = [
            (
                KotlinBuild {
                    jvm_target: "8".to_string(),
                    ..KotlinBuild::default()
                },
                "kotlin.jvmTarget",
            ),
            (
                KotlinBuild {
                    language_version: "1.4".to_string(),
                    ..KotlinBuild::default()
                },
                "kotlin.languageVersion",
            ),
            (
                KotlinBuild {
                    artifact: Some("a.b".to_string()),
                    ..KotlinBuild::default()
                },
                "kotlin.artifact",
            ),
            (
                KotlinBuild {
                    group: Some("com.example</groupId>".to_string()),
                    ..KotlinBuild::default()
                },
                "kotlin.group",
            ),
            (
                KotlinBuild {
                    version: String::new(),
                    ..KotlinBuild::default()
                },
                "kotlin.version",
            ),
        ];
        for (build, key) in cases {
            let err = build.check().unwrap_err().to_string();
            assert!(err.contains(key), "{key}: {err}");
        }
    }
}
