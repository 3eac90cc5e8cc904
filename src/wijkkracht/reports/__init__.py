"""What every capability's reports share, below the capabilities: PDF rendering and Dutch
numbers. Capabilities import from here, never from each other's report code."""
