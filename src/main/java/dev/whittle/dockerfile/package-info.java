/** The Dockerfile parser (BuildKit-faithful), variable expansion, the shell reader for RUN, lint rules and fixes. */
package dev.whittle.dockerfile;
