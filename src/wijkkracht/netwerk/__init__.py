"""Netwerkscan: who in the wijk knows, can reach and works with whom, level by level."""
