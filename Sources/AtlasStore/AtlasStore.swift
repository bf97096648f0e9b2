// The AtlasStore module. See ARCHITECTURE.md.
