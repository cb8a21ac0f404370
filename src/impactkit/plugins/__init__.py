"""The built-in method plugins. Each is registered through the ``impactkit`` entry-point group,
exactly like a third-party plugin, and the core never imports them by name."""
