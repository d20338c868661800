/** The lint rules, one class each ({@code WH001}..{@code WH015}), and the shell facts they share. */
package dev.whittle.dockerfile.lint.rules;
