"""The sociale kaart: formal and informal support, found by need in plain Dutch."""
