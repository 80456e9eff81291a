# make bench plots (gnuplot), called by scripts/bench-report.sh with
# dir= (the results directory), cycles= (fragmentation cycles), and
# coverage=, costs= and resize= (1 when the scenarios of that plot all ran).
set terminal pngcairo size 1100,420 font ",10" noenhanced
set key bottom left
set grid ytics

if (coverage) {
	set output dir.'/coverage.png'
	set multiplot layout 1,2 title "Coverage of a fresh MADV_HUGEPAGE region after each fragmentation cycle (median, bars: min-max)"
	set xlabel "fragment/demand cycle (uptime)"
	set ylabel "coverage %"
	set yrange [0:105]
	set xrange [0.5:(cycles > 0 ? cycles : 1) + 0.5]
	set xtics 1
	set title "Scenario 1: 2 MiB THPs"
	plot dir.'/thp-coverage.dat' u 1:2:3:4 w yerrorlines t 'stock 6.12' lw 2, \
	     '' u 1:5:6:7 w yerrorlines t 'TAO, no parameters' lw 2 dt 2, \
	     '' u 1:8:9:10 w yerrorlines t 'TAO, nomerge zone' lw 2
	set title "Scenario 2: 64 KiB mTHPs"
	plot dir.'/mthp-coverage.dat' u 1:2:3:4 w yerrorlines t 'stock 6.12' lw 2, \
	     '' u 1:5:6:7 w yerrorlines t 'TAO, no parameters' lw 2 dt 2, \
	     '' u 1:8:9:10 w yerrorlines t 'TAO, nosplit zone' lw 2
	unset multiplot

	set output dir.'/latency.png'
	set multiplot layout 1,2 title "Fault latency, last cycle: the first touch of each THP-sized unit (CDF; medians over repetitions)"
	set xlabel "guest µs (log scale)"
	set ylabel "faults %"
	set logscale x
	set yrange [0:100]
	set autoscale x
	set xtics auto
	set key bottom right
	set title "Scenario 1: 2 MiB THPs"
	plot dir.'/thp-latency.dat' u 2:1 w lines t 'stock 6.12' lw 2, \
	     '' u 3:1 w lines t 'TAO, no parameters' lw 2 dt 2, \
	     '' u 4:1 w lines t 'TAO, nomerge zone' lw 2
	set title "Scenario 2: 64 KiB mTHPs"
	plot dir.'/mthp-latency.dat' u 2:1 w lines t 'stock 6.12' lw 2, \
	     '' u 3:1 w lines t 'TAO, no parameters' lw 2 dt 2, \
	     '' u 4:1 w lines t 'TAO, nosplit zone' lw 2
	unset multiplot
	unset logscale x
	set key bottom left
}

if (costs) {
	set output dir.'/costs.png'
	set multiplot layout 1,3 title "Costs (production kernels, configs/bench.config; guest ns: instructions under -icount)"
	set style fill solid 0.6 border -1
	set boxwidth 0.6 absolute
	unset xlabel
	set xrange [-0.5:2.5]
	set xtics ("stock" 0, "tao" 1, "tao-zones" 2)
	set yrange [0:*]
	set key off
	set title "3. order-0 anonymous faults, largest region"
	set ylabel "guest ns"
	set key top left
	plot dir.'/costs.dat' u ($1-0.15):3:4:5:(0.3) w boxerrorbars t 'per fault' lc 1, \
	     '' u ($1+0.15):9:10:11:(0.3) w boxerrorbars t 'per page freed' lc 5
	set key off
	set title "4. free 2 MiB blocks after THP churn"
	set ylabel "MiB (after the shrinkers)"
	plot dir.'/costs.dat' u 1:6 w boxes lc 2
	set title "5. bloat: anon RSS when stopped"
	set ylabel "MiB"
	set key below horizontal
	set boxwidth 0.3 absolute
	plot dir.'/costs.dat' u ($1-0.15):7 w boxes t 'shrinker off' lc 3, \
	     '' u ($1+0.15):8 w boxes t 'shrinker on' lc 4
	unset multiplot
}

if (resize) {
	reset
	set output dir.'/resize.png'
	set title "Scenario 10: NoMerge over time, sized by thpzones auto (nomerge=0,9) or static (nomerge=256M,9); THP phase, then base pages"
	set xlabel "guest seconds"
	set ylabel "MiB"
	set yrange [0:*]
	set grid ytics
	set key top right
	plot dir.'/resize.dat' u 1:2 w steps t 'NoMerge, thpzones auto' lw 2, \
	     '' u 1:4 w steps t 'NoMerge, static' lw 2 dt 2, \
	     '' u 1:3 w lines t 'base pages mapped (auto)' lw 1, \
	     '' u 1:5 w lines t 'base pages mapped (static)' lw 1 dt 2
}
