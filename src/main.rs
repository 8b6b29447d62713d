fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(carelint::cli::main())
}
