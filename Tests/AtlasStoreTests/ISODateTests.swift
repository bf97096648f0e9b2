import AtlasModel
import Testing
@testable import AtlasStore

@Suite struct ISODateTests {
    @Test func dayNumbersOfKnownDates() {
        #expect(ISODate("1970-01-01")?.dayNumber == 0)
        #expect(ISODate("2016-02-27")?.dayNumber == 16858)  // the cessation of hostilities
        #expect(ISODate("2016-05-23")?.dayNumber == 16944)
        #expect(ISODate("1969-12-31")?.dayNumber == -1)
    }

    @Test func roundTripsEveryDayOfFourCenturies() {
        for number in stride(from: -150_000, through: 150_000, by: 7) {
            let date = ISODate(dayNumber: number)
            #expect(date.dayNumber == number)
            #expect(ISODate(date.description) == date)
        }
    }

    @Test(arguments: ["2016-02-30", "2015-02-29", "2016-13-01", "2016-00-10", "2016-5-23", "23 May 2016", "2016-05-23T00:00", ""])
    func refusesImpossibleOrMalformedDates(text: String) {
        #expect(ISODate(text) == nil)
    }

    @Test func leapDaysAndWeeks() {
        #expect(ISODate("2016-02-29") != nil)
        #expect(ISODate("2000-02-29") != nil)
        #expect(ISODate("1900-02-29") == nil)
        #expect(ISODate("2016-05-23")?.isoWeekday == 1)  // a Monday
        #expect(ISODate("2016-05-29")?.startOfISOWeek.description == "2016-05-23")
    }
}
