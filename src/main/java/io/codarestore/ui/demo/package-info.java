/** The built-in demo: a real Amanda installation shipped as a resource, unpacked on request. */
package io.codarestore.ui.demo;
