import ArgumentParser
AtlasCommand.main()
