"""The UI shell: base templates, home, accessibility statement, error pages."""
