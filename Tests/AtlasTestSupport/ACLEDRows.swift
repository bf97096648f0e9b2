import Foundation

/// Lines of an ACLED export for the import tests of both backends.
public enum ACLEDRows {
    /// ACLED's header line.
    public static let header = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"

    /// One data line; every field has a valid default, so a test changes only what it tests.
    public static func row(_ id: String, date: String = "2016-05-22", type: String = "Explosions/Remote violence",
                           sub: String = "Shelling/artillery/missile attack", actor: String = "Jabhat al-Nusra",
                           admin1: String = "Aleppo", lat: String = "36.2361", lon: String = "37.1517",
                           precision: String = "1", fatalities: String = "0", timestamp: String = "1600000000",
                           notes: String = "Shelling, \"heavy\"") -> String {
        let notesField = "\"" + notes.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return "\(id),\(date),2016,1,Political violence,\(type),\(sub),\(actor),,2,,,0,20,,760,Middle East,Syria,\(admin1),Jebel Saman,Aleppo,Aleppo - Sheikh Maqsoud,\(lat),\(lon),\(precision),SOHR,National,\(notesField),\(fatalities),,\(timestamp)"
    }

    /// A file's lines (header first) with one good row and then a bad row of each kind on
    /// lines 3–10 (out of range, impossible date, negative count, truncated, misspelt type,
    /// sub-event of another type, `nan`, hexadecimal), and a good row in another date form on
    /// line 11.
    public static let badRows = [
        header,
        row("SYR1"),                                                   // 2: good
        row("SYR2", lat: "95.5"),                                      // 3
        row("SYR3", date: "2016-02-30"),                               // 4
        row("SYR4", fatalities: "-3"),                                 // 5
        "SYR5,2016-05-22,2016,1",                                      // 6: truncated
        row("SYR6", type: "Explosions/Remote violense"),               // 7
        row("SYR7", sub: "Armed clash"),                               // 8
        row("SYR8", lon: "nan"),                                       // 9
        row("SYR10", lat: "0x1p3"),                                    // 10: hexadecimal
        row("SYR9", date: "22 May 2016"),                              // 11: good, other date form
    ]
}
