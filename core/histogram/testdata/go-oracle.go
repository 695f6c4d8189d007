// Oracle for goParseFloat, goLog2 and goExp2: prints Go's own answers (bit patterns in hex) as
// JSON. Regenerate the fixture with Go 1.19 (the version promtool 2.42 is built with):
//   go run core/histogram/testdata/go-oracle.go > core/histogram/testdata/go-oracle.json
//go:build ignore

package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"os"
	"strconv"
)

func bits(f float64) string { return strconv.FormatUint(math.Float64bits(f), 16) }

func main() {
	out := map[string]interface{}{}
	strs := []string{"1", "1.0", "1e0", "+Inf", "-Inf", "inf", "Infinity", "-infinity", "NaN", "nan", "+NaN", "-nan",
		"1_0", "1__0", "_1", "1_", "1_.5", "1._5", "0x1p-2", "0x1.8p1", "0X1P3", "0x10", "0x_1p0", "0x1p1_0", "1e1_0", "1e_10",
		" 4", "4 ", "", ".", ".5", "5.", "5.e3", "e5", "1e", "1e+", "-0", "+0.0", "1e400", "-1e400", "1e-400", "4.9e-324", "2e-324",
		"0.1", "0.30000000000000004", "123456789012345678901234567890", "0x1.fffffffffffff8p1023", "0x1.fffffffffffffp1023", "0x1p-1074", "0x1p-1075", "0x1.8p-1075", "0x3p-1076",
		"0x1.00000000000008p0", "0x1.00000000000018p0", "1e308", "1.7976931348623157e308", "1.7976931348623159e308", "infin", "infinityy", "Inf0", "++1", "+-1", "1.2.3", "0b101", "0o7", "1p2"}
	pf := []interface{}{}
	for _, s := range strs {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			pf = append(pf, []interface{}{s, nil})
		} else {
			pf = append(pf, []interface{}{s, bits(v)})
		}
	}
	out["parseFloat"] = pf
	r := rand.New(rand.NewSource(42))
	var l2, e2 [][]string
	add := func(x float64) {
		l2 = append(l2, []string{bits(x), bits(math.Log2(x))})
	}
	for _, x := range []float64{0, 1, 2, 0.5, 3, 1e-310, 5e-324, math.MaxFloat64, math.Inf(1), 0.1, 1.5, 0.75} {
		add(x)
	}
	for i := 0; i < 250; i++ {
		add(math.Exp(r.Float64()*1400 - 700))
		add(r.Float64() * 4)
	}
	adde := func(x float64) { e2 = append(e2, []string{bits(x), bits(math.Exp2(x))}) }
	for _, x := range []float64{0, 1, -1, 0.5, -0.5, 1023.9, 1024, -1074, -1075, -1073.7, -1022.5, -1030.25, 1e-20, 0.4999999999999999, 2.5, -2.5} {
		adde(x)
	}
	for i := 0; i < 250; i++ {
		adde(r.Float64()*2200 - 1100)
		adde(r.Float64()*40 - 20)
	}
	// exponential interpolation as Prometheus does: logLower + (logUpper-logLower)*fraction
	for _, schema := range []int{-4, -1, 0, 1, 3, 8} {
		base := math.Pow(2, math.Pow(2, float64(-schema)))
		for idx := -4; idx < 4; idx++ {
			lower := math.Pow(base, float64(idx))
			upper := lower * base
			ll, lu := math.Log2(lower), math.Log2(upper)
			for _, f := range []float64{0, 0.1, 0.25, 1.0 / 3, 0.5, 0.9, 1} {
				adde(ll + (lu-ll)*f)
				add(lower)
			}
		}
	}
	out["log2"] = l2
	out["exp2"] = e2
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
