/** The command line: one picocli class per subcommand, options, renderer choice and exit codes. Nothing else. */
package dev.whittle.cli;
