// The AtlasQuery module. See ARCHITECTURE.md for its responsibility.
