# SPDX-License-Identifier: GPL-2.0
#
# The scale series of make bench: gnuplot -e "dir='bench/results'" bench/scale.gp
# reads dir/scale.dat (written by bench/report.py) and draws dir/scale.png.
if (!exists("dir")) dir = "bench/results"
set terminal pngcairo size 1200,900 font "DejaVu Sans,11" noenhanced
set output dir."/scale.png"
set datafile missing "NaN"
set logscale x
set xrange [0.7:14000]
set xtics ("1" 1, "10" 10, "100" 100, "1,000" 1000, "10,000" 10000)
set xlabel "tunnels on the receiver (N)"
set grid
set key top left
set encoding utf8
set multiplot layout 3,1 title "scid_ipip against the kernel's ipip as N grows (guest time under QEMU -icount)"

set ylabel "ns per packet"
set title "Receive CPU per 64-byte packet, traffic on one tunnel (whole guest, /proc/stat)"
plot dir."/scale.dat" using 1:2 with linespoints lw 2 pt 7 title "scid_ipip", \
     ""               using 1:3 with linespoints lw 2 pt 5 title "ipip"

set title "Receive handler per packet (scid_rcv / ipip_rcv: lookup + decapsulation, ftrace)"
plot dir."/scale.dat" using 1:4 with linespoints lw 2 pt 7 title "scid_rcv", \
     ""               using 1:5 with linespoints lw 2 pt 5 title "ipip_rcv"

set ylabel "µs per tunnel"
set yrange [0:*]
set key bottom right
set title "Time to create all N tunnels, one SIOCADDTUNNEL ioctl each, divided by N"
plot dir."/scale.dat" using 1:8 with linespoints lw 2 pt 7 title "scid_ipip (on scid0)", \
     ""               using 1:9 with linespoints lw 2 pt 5 title "ipip (on tunl0)"
unset multiplot
