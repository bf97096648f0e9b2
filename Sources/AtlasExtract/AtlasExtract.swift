// The AtlasExtract module. See ARCHITECTURE.md for its responsibility.
