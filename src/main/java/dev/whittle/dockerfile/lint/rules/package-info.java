/** The lint rules, one class each ({@code WH001}..{@code WH016}), the list of them ({@code Rules}), and the shell facts they share. */
package dev.whittle.dockerfile.lint.rules;
