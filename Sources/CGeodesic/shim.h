/* PROJ's geodesic routines: C. F. F. Karney's algorithms (J. Geodesy 87, 43-55, 2013),
   the same code GeographicLib and PostGIS geography use. */
#ifndef CGEODESIC_SHIM_H
#define CGEODESIC_SHIM_H
#include <geodesic.h>
#endif
