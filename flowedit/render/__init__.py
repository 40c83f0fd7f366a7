"""Painting a document with Qt, shared by the editor canvas and headless export."""
